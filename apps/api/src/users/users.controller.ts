import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { UsersService } from '@app/auth';
import { ROLES, type Role } from '@app/domain';
import type { UserEntity } from '@app/persistence';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { Can } from '../auth/auth.guard';

class CreateUserDto {
  @ApiProperty({ example: 'fulton.clerk' })
  @Matches(/^[a-z0-9][a-z0-9._-]{2,63}$/, { message: 'username must be 3-64 lower-case letters, digits, dots, dashes or underscores' })
  username!: string;

  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200)
  displayName!: string;

  @ApiProperty({ minLength: 12 }) @IsString() @MinLength(12) @MaxLength(256)
  password!: string;

  @ApiProperty({ enum: ROLES }) @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({ description: 'required for clerks and supervisors' })
  @IsOptional() @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: 'countyCode must be a county code' })
  countyCode?: string;
}

class UserView {
  @ApiProperty() id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ROLES }) role!: string;
  @ApiProperty({ nullable: true, type: String }) countyCode!: string | null;
  @ApiProperty() locked!: boolean;
  @ApiProperty() disabled!: boolean;
}

const view = (u: UserEntity): UserView => ({
  id: u.id, username: u.username, displayName: u.displayName, role: u.role, countyCode: u.countyCode, locked: u.lockedUntil !== null && u.lockedUntil > Date.now(), disabled: u.disabled,
});

@ApiTags('users')
@ApiBearerAuth()
@Can('manage_users')
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOkResponse({ type: [UserView] })
  async list(): Promise<UserView[]> {
    return (await this.users.list()).map(view);
  }

  @Post()
  @ApiCreatedResponse({ type: UserView })
  async create(@Body() dto: CreateUserDto): Promise<UserView> {
    return view(await this.users.create({ ...dto, countyCode: dto.countyCode ?? null }));
  }
}
