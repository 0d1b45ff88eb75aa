// Placeholder until the 'validate' command lands; replace this whole file.
export async function main(_argv: string[]): Promise<number> {
  console.error("gateway-load validate: not available in this build yet");
  return 2;
}
