/** Hands the browser a file made on the page, as if it had been downloaded. */
export function downloadFile(name: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked a little later: the download starts asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function todayStamp(): string {
  return new Date().toISOString().slice(0, 10);
}
