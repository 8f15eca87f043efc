/** Where to go after logging in: the `next` the person was sent from, if it is ours. */
export function nextPath(query: URLSearchParams): string {
  const next = query.get('next') ?? '';
  return next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/dang-') ? next : '/ho-so';
}
