import { describe, expect, it } from 'vitest';
import { confirmationEmail, passwordResetEmail } from '#server/mail/account-texts';
import { renderEmail } from '#server/mail/layout';

describe('the email layout', () => {
  it('escapes every piece of text in the HTML part, and keeps the text part as written', () => {
    const { text, html } = renderEmail({
      greeting: 'Hi <b>Riley</b> & "Sam",',
      paragraphs: ["It's <script>alert(1)</script> time."],
      action: { label: 'Open <Tandem>', url: 'https://tandem.example.test/a?x=1&y="2"' },
      footer: ['Why: <because>'],
    });
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('<script>');
    expect(html).toContain('Hi &lt;b&gt;Riley&lt;/b&gt; &amp; &quot;Sam&quot;,');
    expect(html).toContain('href="https://tandem.example.test/a?x=1&amp;y=&quot;2&quot;"');
    expect(html).toContain('Why: &lt;because&gt;');
    expect(text).toBe(
      'Hi <b>Riley</b> & "Sam",\n\n' +
        "It's <script>alert(1)</script> time.\n\n" +
        'Open <Tandem>:\nhttps://tandem.example.test/a?x=1&y="2"\n\n' +
        '--\nWhy: <because>\n',
    );
  });

  it('declares its language and fits a phone', () => {
    const { html } = renderEmail({ paragraphs: ['Hello.'] });
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('name="viewport"');
    expect(html).toContain('max-width:560px');
  });

  it('account emails name nobody and carry their link in both parts', () => {
    for (const email of [
      confirmationEmail({
        url: 'https://t.example/confirm-email?token=abc',
        stopAllUrl: 'https://t.example/email/unsubscribe/xyz',
      }),
      passwordResetEmail({ url: 'https://t.example/reset-password?token=abc' }),
    ]) {
      expect(email.text).toMatch(/^Hello,$/m);
      expect(email.text).toMatch(/https:\/\/t\.example\/\S+\?token=abc/);
      expect(email.html).toMatch(/href="https:\/\/t\.example\/\S+\?token=abc"/);
      expect(email.subject).toContain('Tandem');
    }
  });
});
