import { check } from './check.js';

export default check({
  id: 'binding-destination-changed',
  level: 'error',
  direction: 'both',
  audience: 'users',
  specs: ['asyncapi'],
  description:
    "A channel binding names another broker destination: the Kafka `topic`, the AMQP exchange's or queue's `name`. Messages go to (or are read from) the new one, so consumers subscribed to the former receive nothing and producers publishing there reach no one.",
  message: 'now uses the {name} {what} {to} instead of {from}',
  fix: 'keep the former destination (or bridge it to the new one) until every consumer and producer has moved',
});
