// Placeholder until the 'report' command lands; replace this whole file.
export async function main(_argv: string[]): Promise<number> {
  console.error("gateway-load report: not available in this build yet");
  return 2;
}
