// Rules of the reflection after a conversation (001 §5.2).

/**
 * What the next preparation shows as "Sidst skrev du: …": did it succeed (question 1) and what the citizen
 * reacted to (question 6) — the two answers that help plan the next conversation.
 */
export function reflectionSummary(answers: readonly string[]): string {
  return [answers[0], answers[5]]
    .map((a) => (a ?? "").trim())
    .filter((a) => a.length > 0)
    .join(" · ");
}
