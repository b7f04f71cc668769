export async function scale(): Promise<string[]> {
  return [];
}
