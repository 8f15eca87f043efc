import { ApiError, authorizedFetch, readProblem } from '../../api/client';

/** Files need the bearer token, so a plain link cannot fetch them: fetch, then save the blob. */
export async function download(url: string, filename: string): Promise<void> {
  const response = await authorizedFetch(url, {});
  if (!response.ok) throw new ApiError(response.status, await readProblem(response));
  const href = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
