import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { UsersService } from '@app/auth';
import { CODE, ROLES, type Role, type StaffActor } from '@app/domain';
import type { UserEntity } from '@app/persistence';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { Can, CurrentActor } from '../auth/auth.guard';
import { UuidParam } from '../common/uuid.pipe';
import { ApiErrors, JsonBodyErrors, StaffErrors } from '../common/api-errors';

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
@StaffErrors()
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  private view(u: UserEntity): UserView {
    return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, countyCode: u.countyCode, locked: this.users.isLocked(u), disabled: u.disabled };
  }

  @Get()
  @ApiOperation({ summary: 'Every staff account (administrators)', description: 'The whole list, so its length is the total.' })
  @ApiOkResponse({ type: [UserView] })
  async list(@CurrentActor() actor: StaffActor): Promise<UserView[]> {
    return (await this.users.list(actor)).map((u) => this.view(u));
  }

  @Post()
  @ApiOperation({ summary: 'Create a staff account (administrators); the password is checked against common and breached ones' })
  @ApiCreatedResponse({ type: UserView })
  @JsonBodyErrors()
  @ApiErrors([409, 'the username is taken'])
  async create(@CurrentActor() actor: StaffActor, @Body() dto: CreateUserDto): Promise<UserView> {
    return this.view(await this.users.create(actor, { ...dto, countyCode: dto.countyCode ?? null }));
  }

  /** Changes the account's role (and county): audited with before and after (ROLE_CHANGED). */
  @Patch(':id')
  @ApiOperation({ summary: 'Change an account\u2019s role and county, audited with before and after' })
  @ApiOkResponse({ type: UserView })
  @JsonBodyErrors()
  @ApiErrors(404)
  async changeRole(@CurrentActor() actor: StaffActor, @Param('id', new UuidParam()) id: string, @Body() dto: RoleDto): Promise<UserView> {
    return this.view(await this.users.changeRole(actor, id, dto.role, dto.countyCode ?? null));
  }

  /** Locks the account on purpose, until an administrator unlocks it; its sessions stop working: audited (ACCOUNT_LOCKED). */
  @Post(':id/lock')
  @HttpCode(200)
  @ApiOperation({ summary: 'Lock an account until an administrator unlocks it; its sessions stop working' })
  @ApiOkResponse({ type: UserView })
  @JsonBodyErrors()
  @ApiErrors(404)
  async lock(@CurrentActor() actor: StaffActor, @Param('id', new UuidParam()) id: string, @Body() dto: LockDto): Promise<UserView> {
    return this.view(await this.users.lock(actor, id, dto.reason?.trim() || null));
  }

  /** Lifts a lock: audited (ACCOUNT_UNLOCKED). */
  @Post(':id/unlock')
  @HttpCode(200)
  @ApiOperation({ summary: 'Unlock an account' })
  @ApiOkResponse({ type: UserView })
  @ApiErrors(400, 404)
  async unlock(@CurrentActor() actor: StaffActor, @Param('id', new UuidParam()) id: string): Promise<UserView> {
    return this.view(await this.users.unlock(actor, id));
  }
}
