/**
 * Draws `region` as a PNG and saves it as `fileName` (the board's and the job page's ticket
 * bars alike); the capture code loads on first use. Resolves to the file's name.
 */
export async function saveRegionPng(region: HTMLElement, fileName: string): Promise<string> {
  const { captureRegionPng, saveBlob } = await import('./capture-png');
  saveBlob(await captureRegionPng(region), fileName);
  return fileName;
}
