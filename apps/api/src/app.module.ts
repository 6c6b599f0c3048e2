import { LoggerModule } from 'nestjs-pino';
import { loggingParams, ServiceLogger } from './common/logging';
import { TerminusModule } from '@nestjs/terminus';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { SignInThrottle, UsersService } from '@app/auth';
import type { ClockPlan } from '@app/ballots';
import { BallotsModule } from '@app/ballots/ballots.module';
import type { AppConfig } from '@app/config';
import { RATE_LIMITERS, Stores, type LimiterFactory } from '@app/persistence';
import { DatabaseModule } from '@app/persistence/database.module';
import { ReportsModule } from '@app/reports/reports.module';
import { AuditController } from './audit/audit.controller';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { BallotImportController } from './ballots/ballot-import.controller';
import { BallotFileImport } from './ballots/ballot-file-import';
import { BallotsController } from './ballots/ballots.controller';
import { ApiExceptionFilter } from './common/exception.filter';
import { validationPipe } from './common/validation';
import { ConsoleAdminController } from './console/console-admin.controller';
import { ConsoleAuthController } from './console/console-auth.controller';
import { ConsoleController } from './console/console.controller';
import { CONSOLE_FORM_PROVIDERS } from './console/forms';
import { ConsoleDeadlinesController } from './console/console-deadlines.controller';
import { ConsoleDecisionsController } from './console/console-decisions.controller';
import { ConsoleBulkController } from './console/console-bulk.controller';
import { ConsoleCertificationController } from './console/console-certification.controller';
import { ConsoleLettersController } from './console/console-letters.controller';
import { IntakeClosedInterceptor } from './console/intake-closed.interceptor';
import { APP_CONFIG } from './config.token';
import { ElectionsController } from './elections/elections.controller';
import { DeadlineOrdersController } from './elections/deadline-orders.controller';
import { NoticesScheduler } from './notices/notices.scheduler';
import { SmsWebhooksController } from './notices/sms-webhooks.controller';
import { NoticeHoldsController } from './notices/notice-holds.controller';
import { SMS_SETTINGS } from './notices/sms.token';
import { smsSettingsFrom } from '@app/notices';
import { SweepScheduler } from './deadlines/sweep.scheduler';
import { AbandonedImports } from './imports/abandoned-imports';
import { CureDocumentsController } from './portal/cure-documents.controller';
import { HealthController } from './portal/health.controller';
import { PortalController } from './portal/portal.controller';
import { portalProviders } from './portal/portal.providers';
import { ReportsController } from './reports/reports.controller';
import { RulePacksController } from './rules/rule-packs.controller';
import { UsersController } from './users/users.controller';
import { type Clock, CLOCK } from '@app/domain';

/** The service: one module tree for the staff API (and, later, the console and the portal). */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, clock: ClockPlan): DynamicModule {
    return {
      module: AppModule,
      imports: [DatabaseModule.forRoot(config.database, { migrate: true, auditKey: config.auditKey }), BallotsModule.forRoot(clock), ReportsModule, TerminusModule, LoggerModule.forRoot(loggingParams(process.env))],
      controllers: [
        AuthController,
        ElectionsController,
        DeadlineOrdersController,
        RulePacksController,
        BallotImportController,
        BallotsController,
        ReportsController,
        AuditController,
        UsersController,
        ConsoleAuthController,
        ConsoleController,
        ConsoleAdminController,
        ConsoleDeadlinesController,
        ConsoleDecisionsController,
        ConsoleBulkController,
        ConsoleCertificationController,
        ConsoleLettersController,
        PortalController,
        CureDocumentsController,
        HealthController,
        SmsWebhooksController,
        NoticeHoldsController,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        // Checked at start: a wrong SMS_ variable stops the service, naming it.
        { provide: SMS_SETTINGS, useValue: smsSettingsFrom(process.env) },
        ...portalProviders(config),
        {
          provide: UsersService,
          useFactory: (stores: Stores, clock: Clock, limiters: LimiterFactory) => new UsersService(stores, clock, config.sessionIdleMinutes, new SignInThrottle(limiters, config.signInThrottle)),
          inject: [Stores, CLOCK, RATE_LIMITERS],
        },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        { provide: APP_INTERCEPTOR, useClass: IntakeClosedInterceptor },
        { provide: APP_PIPE, useFactory: validationPipe },
        ...CONSOLE_FORM_PROVIDERS,
        BallotFileImport,
        ServiceLogger,
        NoticesScheduler,
        SweepScheduler,
        AbandonedImports,
      ],
    };
  }
}
