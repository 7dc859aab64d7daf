/**
 * Our verdicts on the AsyncAPI specification's own streetlights example (asyncapi/spec,
 * `examples/streetlights-kafka-asyncapi.yml`), compared in the 25th sitting by editing it as a
 * producer would and reading what the consumers of each channel would call a break. The document
 * below is our own, of the example's shape: `lightingMeasured`, which the application receives
 * (consumers send it), and `lightTurnOn`, which it sends (consumers read it); both messages carry
 * the example's shared `commonHeaders` trait and its shared `sentAt` schema.
 *
 * Every verdict held: what consumers read may only narrow (a value no longer sent, a bound
 * tightened: info), what they send may only widen (a header bound tightened, a property made
 * required, a message no longer accepted: error); a property consumers send removed is a warning
 * (a producer that ignores unknown fields still takes it); a channel address changed or an
 * operation's action reversed breaks every consumer. A shared trait narrowed is one change per
 * direction: an error for the channel consumers send to, info for the one they read.
 */
import type { EvalCase } from './cases.js';

/** The streetlights document, each edit a `[from, to]` replacement of its text. */
function streetlights(...edits: [string, string][]): string {
  let text = `asyncapi: 3.0.0
info: { title: Streetlights Kafka API, version: 1.0.0 }
defaultContentType: application/json
channels:
  lightingMeasured:
    address: 'smartylighting.streetlights.1.0.event.{streetlightId}.lighting.measured'
    messages: { lightMeasured: { $ref: '#/components/messages/lightMeasured' } }
    parameters: { streetlightId: { description: The ID of the streetlight. } }
  lightTurnOn:
    address: 'smartylighting.streetlights.1.0.action.{streetlightId}.turn.on'
    messages: { turnOn: { $ref: '#/components/messages/turnOnOff' } }
    parameters: { streetlightId: { description: The ID of the streetlight. } }
operations:
  receiveLightMeasurement:
    action: receive
    channel: { $ref: '#/channels/lightingMeasured' }
    messages: [{ $ref: '#/channels/lightingMeasured/messages/lightMeasured' }]
  turnOn:
    action: send
    channel: { $ref: '#/channels/lightTurnOn' }
    messages: [{ $ref: '#/channels/lightTurnOn/messages/turnOn' }]
components:
  messages:
    lightMeasured:
      traits: [{ $ref: '#/components/messageTraits/commonHeaders' }]
      payload:
        type: object
        properties:
          lumens: { type: integer, minimum: 0 }
          sentAt: { $ref: '#/components/schemas/sentAt' }
    turnOnOff:
      traits: [{ $ref: '#/components/messageTraits/commonHeaders' }]
      payload:
        type: object
        required: [command]
        properties:
          command: { type: string, enum: ['on', 'off'] }
          level: { type: integer, minimum: 0, maximum: 100 }
          sentAt: { $ref: '#/components/schemas/sentAt' }
  schemas:
    sentAt: { type: string, format: date-time }
  messageTraits:
    commonHeaders:
      headers:
        type: object
        properties:
          my-app-header: { type: integer, minimum: 0, maximum: 100 }
`;
  for (const [from, to] of edits) {
    if (!text.includes(from)) throw new Error(`streetlights: no ${JSON.stringify(from)} to edit`);
    text = text.replace(from, to);
  }
  return text;
}

const ROWS: [name: string, breaking: boolean, edits: [string, string][]][] = [
  ['sent: an enum value no longer sent', false, [["enum: ['on', 'off']", "enum: ['on']"]]],
  [
    'sent: a bound tightened',
    false,
    [['maximum: 100 }\n          sentAt', 'maximum: 50 }\n          sentAt']],
  ],
  [
    'sent: a required property removed',
    true,
    [
      ['        required: [command]\n', ''],
      ["command: { type: string, enum: ['on', 'off'] }\n          ", ''],
    ],
  ],
  ['received: a property removed', false, [['lumens: { type: integer, minimum: 0 }\n          ', '']]],
  [
    'received: a property made required',
    true,
    [
      [
        'payload:\n        type: object\n        properties:\n          lumens',
        'payload:\n        type: object\n        required: [lumens]\n        properties:\n          lumens',
      ],
    ],
  ],
  [
    'received: the message no longer accepted',
    true,
    [["messages: [{ $ref: '#/channels/lightingMeasured/messages/lightMeasured' }]", 'messages: []']],
  ],
  [
    'shared header trait bound tightened',
    true,
    [
      [
        'my-app-header: { type: integer, minimum: 0, maximum: 100 }',
        'my-app-header: { type: integer, minimum: 0, maximum: 50 }',
      ],
    ],
  ],
  [
    'shared schema format removed',
    true,
    [['sentAt: { type: string, format: date-time }', 'sentAt: { type: string }']],
  ],
  [
    'channel address changed',
    true,
    [['1.0.action.{streetlightId}.turn.on', '2.0.action.{streetlightId}.turn.on']],
  ],
  ['operation action reversed', true, [['  turnOn:\n    action: send', '  turnOn:\n    action: receive']]],
];

export function asyncApiExampleCases(): EvalCase[] {
  return ROWS.map(([name, breaking, edits]) => ({
    name: `asyncapi streetlights: ${name}`,
    breaking,
    base: streetlights(),
    head: streetlights(...edits),
  }));
}
