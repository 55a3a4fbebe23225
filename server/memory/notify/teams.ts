/**
 * Microsoft Teams workflow webhooks ("Post to a channel when a webhook request is received"):
 * a message with one Adaptive Card. Teams renders Markdown in `TextBlock` text and in facts,
 * so the cloud's words are escaped there: a failure reason must not become a link.
 */
import { facts, headline, type NotifyMessage } from './message.ts';
import { outcomeOf, post, type PostOptions, type SendResult } from './post.ts';

/**
 * Backslash-escapes what Adaptive Card Markdown reads as links or emphasis. IDs and times
 * (letters, digits, dashes, colons) pass unchanged.
 */
export function escapeCardMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]~]/g, (character) => `\\${character}`);
}

export function teamsPayload(message: NotifyMessage): Record<string, unknown> {
  const rows = facts(message).filter((row) => row.label !== 'Link' || !message.link);
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            {
              type: 'TextBlock',
              text: escapeCardMarkdown(headline(message)),
              weight: 'Bolder',
              size: 'Medium',
              wrap: true,
            },
            {
              type: 'FactSet',
              facts: rows.map((row) => ({
                title: row.label,
                value: escapeCardMarkdown(row.value),
              })),
            },
          ],
          ...(message.link
            ? { actions: [{ type: 'Action.OpenUrl', title: 'Open the job', url: message.link }] }
            : {}),
        },
      },
    ],
  };
}

export async function sendTeams(
  url: URL,
  message: NotifyMessage,
  options: PostOptions = {},
): Promise<SendResult> {
  const outcome = await post(url, JSON.stringify(teamsPayload(message)), {}, options);
  return outcome.ok ? outcomeOf(outcome.answer) : outcome.result;
}
