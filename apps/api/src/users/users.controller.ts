import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { UsersService } from '@app/auth';
import { CODE, ROLES, type Role, type StaffActor } from '@app/domain';
import type { UserEntity } from '@app/persistence';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { Can, CurrentActor } from '../auth/auth.guard';
import { UuidParam } from '../common/uuid.pipe';

class RoleDto {
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({ description: 'required for clerks and supervisors' })
  @IsOptional() @Matches(CODE, { message: 'countyCode must be a county code' })
  countyCode?: string;
}

class CreateUserDto extends RoleDto {
  @ApiProperty({ example: 'fulton.clerk' })
  @Matches(/^[a-z0-9][a-z0-9._-]{2,63}$/, { message: 'username must be 3-64 lower-case letters, digits, dots, dashes or underscores' })
  username!: string;

  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200)
  displayName!: string;

  @ApiProperty({ minLength: 12, maxLength: 256, description: 'at least 12 characters, any characters; refused when common, breached or patterned, or built from the username or name (NIST SP 800-63B)' })
  @IsString() @MinLength(12, { message: 'password must be at least 12 characters' }) @MaxLength(256)
  password!: string;
}

class LockDto {
  @ApiPropertyOptional({ description: 'why the account is locked, for the audit chain', maxLength: 200 })
  @IsOptional() @IsString() @MaxLength(200)
  reason?: string;
}

class UserView {
  @ApiProperty() id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ROLES }) role!: string;
  @ApiProperty({ nullable: true, type: String }) countyCode!: string | null;
  @ApiProperty({ description: 'true when the account cannot sign in: locked by an administrator until unlocked (or a timed lock from before issue 13 that has not run out)' }) locked!: boolean;
  @ApiProperty({ description: 'the administrator\'s lock (the column behind it); `locked` is the state to show' }) disabled!: boolean;
}

/** Staff accounts, for administrators: every change is in the audit chain. */
@ApiTags('users')
@ApiBearerAuth()
@Can('manage_users')
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  private view(u: UserEntity): UserView {
    return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, countyCode: u.countyCode, locked: this.users.isLocked(u), disabled: u.disabled };
  }

  @Get()
  @ApiOkResponse({ type: [UserView] })
  async list(@CurrentActor() actor: StaffActor): Promise<UserView[]> {
    return (await this.users.list(actor)).map((u) => this.view(u));
  }

  @Post()
  @ApiCreatedResponse({ type: UserView })
  async create(@CurrentActor() actor: StaffActor, @Body() dto: CreateUserDto): Promise<UserView> {
    return this.view(await this.users.create(actor, { ...dto, countyCode: dto.countyCode ?? null }));
  }

  /** Changes the account's role (and county): audited with before and after (ROLE_CHANGED). */
  @Patch(':id')
  @ApiOkResponse({ type: UserView })
  async changeRole(@CurrentActor() actor: StaffActor, @Param('id', new UuidParam()) id: string, @Body() dto: RoleDto): Promise<UserView> {
    return this.view(await this.users.changeRole(actor, id, dto.role, dto.countyCode ?? null));
  }

  /** Locks the account on purpose, until an administrator unlocks it; its sessions stop working: audited (ACCOUNT_LOCKED). */
  @Post(':id/lock')
  @HttpCode(200)
  @ApiOkResponse({ type: UserView })
  async lock(@CurrentActor() actor: StaffActor, @Param('id', new UuidParam()) id: string, @Body() dto: LockDto): Promise<UserView> {
    return this.view(await this.users.lock(actor, id, dto.reason?.trim() || null));
  }

  /** Lifts a lock: audited (ACCOUNT_UNLOCKED). */
  @Post(':id/unlock')
  @HttpCode(200)
  @ApiOkResponse({ type: UserView })
  async unlock(@CurrentActor() actor: StaffActor, @Param('id', new UuidParam()) id: string): Promise<UserView> {
    return this.view(await this.users.unlock(actor, id));
  }
}
