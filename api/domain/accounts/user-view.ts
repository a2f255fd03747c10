export interface UserView {
  id: string;
  email: string;
  name: string;
  locale: string | null;
  emailVerified: boolean;
  createdAt: string;
}

export function userView(u: { id: string; email: string; name: string; locale: string | null; emailVerifiedAt: number | null; createdAt: number }): UserView {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    locale: u.locale,
    emailVerified: u.emailVerifiedAt !== null,
    createdAt: new Date(u.createdAt).toISOString(),
  };
}
