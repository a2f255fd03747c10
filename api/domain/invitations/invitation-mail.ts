import type { ControlDb } from '../../../db/control/client.ts';
import type { Mailer } from '../../mail/mailer.ts';

export interface InvitationMail {
  to: string;
  workspaceName: string;
  inviterName: string;
  role: 'admin' | 'member';
  link: string;
  expiresAt: number;
  /** The inviter's language: the best guess of what a colleague reads. */
  locale: string | null;
}

function compose(m: InvitationMail): { subject: string; text: string } {
  const date = new Date(m.expiresAt).toISOString().slice(0, 10);
  if (m.locale === 'cs') {
    const role = m.role === 'admin' ? 'správce' : 'člen';
    return {
      subject: `${m.inviterName} vás zve do ${m.workspaceName} v Tandemu`,
      text: [
        `${m.inviterName} vás zve do pracovního prostoru „${m.workspaceName}“ v Tandemu (role: ${role}).`,
        '',
        `Pozvánku přijmete tady: ${m.link}`,
        '',
        `Odkaz platí do ${date}. Pokud pozvánku nečekáte, e-mail klidně ignorujte.`,
      ].join('\n'),
    };
  }
  return {
    subject: `${m.inviterName} invited you to ${m.workspaceName} on Tandem`,
    text: [
      `${m.inviterName} invited you to join the workspace "${m.workspaceName}" on Tandem as ${m.role === 'admin' ? 'an admin' : 'a member'}.`,
      '',
      `Accept the invitation here: ${m.link}`,
      '',
      `The link works until ${date}. If you did not expect this invitation, you can ignore this email.`,
    ].join('\n'),
  };
}

/** Sends the invitation link through the outbox (the row is written even if delivery fails). */
export async function sendInvitationMail(mailer: Mailer, control: ControlDb, mail: InvitationMail, now: number): Promise<void> {
  const { subject, text } = compose(mail);
  await mailer.send(control, { to: mail.to, subject, text, kind: 'invitation' }, now);
}

/** The page that accepts `token` in the web app. */
export const invitationLink = (appOrigin: string, token: string) => `${appOrigin.replace(/\/$/, '')}/invite/${token}`;
