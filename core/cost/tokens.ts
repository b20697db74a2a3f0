/**
 * Tokenizer-free token estimate (about four characters a token for English text and code):
 * used for budgets before a call is made and for cost estimates, never for billing.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export function estimateMessagesTokens(messages: readonly { content: string }[]): number {
  // A few tokens of framing per message, as chat templates add role markers.
  return messages.reduce((sum, m) => sum + estimateTokens(m.content) + 4, 0);
}
