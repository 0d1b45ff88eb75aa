// Placeholder until the 'mock' command lands; replace this whole file.
export async function main(_argv: string[]): Promise<number> {
  console.error("gateway-load mock: not available in this build yet");
  return 2;
}
