import { LogSmsProvider, maskPhone, noticeMessageId, redactUrl, SmtpConfigError, SmtpEmailTransport } from './transports';

describe('notice transports', () => {
  it('masks a phone number to its last two digits, whatever its format', () => {
    expect(maskPhone('(404) 555-0187')).toBe('********87');
    expect(maskPhone('+1 404.555.0187')).toBe('*********87');
    expect(maskPhone('7')).toBe('7');
  });

  it('LogSmsProvider writes one structured line per message: outbox id, masked phone, text', async () => {
    const lines: Readonly<Record<string, unknown>>[] = [];
    const provider = new LogSmsProvider((line) => lines.push(line));
    await expect(provider.send({ outboxId: 'o-1', to: '404-555-0187', text: 'Your ballot was counted.' })).resolves.toMatchObject({ detail: expect.any(String) });
    expect(lines).toEqual([{ msg: 'sms notice', outboxId: 'o-1', to: '********87', text: 'Your ballot was counted.' }]);
    expect(JSON.stringify(lines)).not.toContain('555-0187');
  });

  it('one Message-ID per outbox row, the same on every attempt', () => {
    expect(noticeMessageId('3f1c')).toBe('<3f1c@notices.ballot-adjudication>');
  });

  it('refuses an SMTP URL that is not smtp:// or smtps://, and never shows its password', () => {
    expect(() => new SmtpEmailTransport({ url: 'http://user:hunter2@mail.example.gov', from: 'n@example.gov' })).toThrow(SmtpConfigError);
    expect(() => new SmtpEmailTransport({ url: 'not a url :hunter2@', from: 'n@example.gov' })).toThrow(/^SMTP_URL is not a URL/);
    expect(() => new SmtpEmailTransport({ url: 'not a url :hunter2@', from: 'n@example.gov' })).not.toThrow(/hunter2/);
    expect(() => new SmtpEmailTransport({ url: 'smtp://mail.example.gov', from: 'nobody' })).toThrow(/NOTICE_FROM/);
    expect(redactUrl('smtp://notices:s3cret@mail.example.gov:587')).toBe('smtp://notices:***@mail.example.gov:587');
  });
});
