import type { EmailMessage } from './mailer.ts';

// Account mails in the user's language (users.locale; English when unknown). Plain text only:
// every client shows it and the link stays copyable.

type Locale = 'cs' | 'en';
const lang = (locale: string | null | undefined): Locale => (locale === 'cs' ? 'cs' : 'en');

export function verifyEmailMail(to: string, name: string, link: string, locale: string | null): EmailMessage {
  const text =
    lang(locale) === 'cs'
      ? `Dobrý den, ${name},\n\npotvrďte prosím svou e-mailovou adresu v Tandemu otevřením tohoto odkazu:\n\n${link}\n\nOdkaz platí 48 hodin. Pokud jste si účet nezakládali, tento e-mail ignorujte.\n\nTandem`
      : `Hi ${name},\n\nplease confirm your email address for Tandem by opening this link:\n\n${link}\n\nThe link is valid for 48 hours. If you did not create an account, ignore this email.\n\nTandem`;
  const subject = lang(locale) === 'cs' ? 'Potvrďte svůj e-mail v Tandemu' : 'Confirm your email for Tandem';
  return { to, subject, text, kind: 'verify_email' };
}

export function changeEmailMail(to: string, name: string, link: string, locale: string | null): EmailMessage {
  const text =
    lang(locale) === 'cs'
      ? `Dobrý den, ${name},\n\nv Tandemu jste požádali o změnu přihlašovacího e-mailu na tuto adresu. Změnu dokončíte otevřením odkazu:\n\n${link}\n\nOdkaz platí 48 hodin. Pokud jste o změnu nežádali, tento e-mail ignorujte; nic se nezmění.\n\nTandem`
      : `Hi ${name},\n\nyou asked to change the email you sign in to Tandem with to this address. Open this link to finish the change:\n\n${link}\n\nThe link is valid for 48 hours. If you did not ask for this, ignore this email; nothing will change.\n\nTandem`;
  const subject = lang(locale) === 'cs' ? 'Potvrďte nový e-mail v Tandemu' : 'Confirm your new email for Tandem';
  return { to, subject, text, kind: 'email_change' };
}

/** Sent to the old address once the change is done, so a hijacked account does not change hands silently. */
export function emailChangedMail(to: string, name: string, newEmail: string, locale: string | null): EmailMessage {
  const text =
    lang(locale) === 'cs'
      ? `Dobrý den, ${name},\n\nváš přihlašovací e-mail v Tandemu byl změněn na ${newEmail}.\n\nPokud jste to nebyli vy, ihned nás kontaktujte.\n\nTandem`
      : `Hi ${name},\n\nthe email you sign in to Tandem with was changed to ${newEmail}.\n\nIf this was not you, contact us right away.\n\nTandem`;
  const subject = lang(locale) === 'cs' ? 'Váš e-mail v Tandemu byl změněn' : 'Your Tandem email was changed';
  return { to, subject, text, kind: 'email_changed' };
}

export function passwordChangedMail(to: string, name: string, locale: string | null): EmailMessage {
  const text =
    lang(locale) === 'cs'
      ? `Dobrý den, ${name},\n\nheslo k vašemu účtu v Tandemu bylo právě změněno a ostatní přihlášená zařízení byla odhlášena.\n\nPokud jste to nebyli vy, ihned nás kontaktujte.\n\nTandem`
      : `Hi ${name},\n\nthe password of your Tandem account was just changed, and your other devices were signed out.\n\nIf this was not you, contact us right away.\n\nTandem`;
  const subject = lang(locale) === 'cs' ? 'Heslo v Tandemu bylo změněno' : 'Your Tandem password was changed';
  return { to, subject, text, kind: 'password_changed' };
}
