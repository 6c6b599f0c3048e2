import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'fulton.clerk' })
  @IsString() @MinLength(1) @MaxLength(64)
  username!: string;

  @ApiProperty({ example: 'a long passphrase' })
  @IsString() @MinLength(1) @MaxLength(256)
  password!: string;
}

export class ActorDto {
  @ApiProperty() id!: string;
  @ApiProperty() username!: string;
  @ApiProperty({ enum: ['clerk', 'supervisor', 'admin', 'observer'] }) role!: string;
  @ApiProperty({ nullable: true, type: String }) countyCode!: string | null;
}

export class SessionDto {
  @ApiProperty({ description: 'send as `Authorization: Bearer <token>`' })
  token!: string;

  @ApiProperty({ description: 'for cookie sessions: send as `x-csrf-token` on every change' })
  csrfToken!: string;

  @ApiProperty({ description: 'epoch milliseconds' })
  expiresAt!: number;

  @ApiProperty({ type: ActorDto })
  actor!: ActorDto;
}
