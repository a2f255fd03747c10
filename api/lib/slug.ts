/** `Žlutý kůň s.r.o.` → `zluty-kun-s-r-o`: URL-safe, ASCII, at most 40 characters. */
export function slugify(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
  return s.length >= 2 ? s : `ws-${s}`.replace(/-$/, '');
}
