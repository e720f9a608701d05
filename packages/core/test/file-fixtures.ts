/**
 * Valid and invalid files, shared by the decoder tests and the JSON Schema test (schema and codec must
 * accept and reject the same fixtures). `crossField` marks a rule the schema cannot express.
 */
export interface FileFixture {
  readonly name: string;
  readonly json: unknown;
  readonly valid: boolean;
  readonly crossField?: true;
}

const web = { serviceName: 'web', family: 'web', exposedContainerName: 'app', loadBalancerName: 'web-lb' };
const api = { serviceName: 'api', exposedContainerName: 'app', loadBalancerName: 'api-lb' };

export const configurationFixtures: readonly FileFixture[] = [
  { name: "Statika 0.1's two fields", json: { cluster: 'prod', sleepTimeSeconds: 10 }, valid: true },
  {
    name: 'every optional field',
    json: {
      cluster: 'prod',
      sleepTimeSeconds: 1,
      settleTimeSeconds: 0,
      taskSelection: 'single',
      deregisterOnExit: true,
      fleetEcsReadsPerSecond: 2.5,
      fleetElbReadsPerSecond: 1,
    },
    valid: true,
  },
  {
    name: 'an unknown field (a warning)',
    json: { cluster: 'prod', sleepTimeSeconds: 10, colour: 'blue' },
    valid: true,
  },
  {
    name: 'an editor $schema pointer',
    json: { $schema: './configuration.schema.json', cluster: 'p', sleepTimeSeconds: 5 },
    valid: true,
  },
  { name: 'no cluster', json: { sleepTimeSeconds: 10 }, valid: false },
  { name: 'an empty cluster', json: { cluster: '', sleepTimeSeconds: 10 }, valid: false },
  { name: 'a blank cluster', json: { cluster: '  ', sleepTimeSeconds: 10 }, valid: false },
  { name: 'sleepTimeSeconds 0', json: { cluster: 'prod', sleepTimeSeconds: 0 }, valid: false },
  { name: 'sleepTimeSeconds negative', json: { cluster: 'prod', sleepTimeSeconds: -5 }, valid: false },
  { name: 'sleepTimeSeconds not an integer', json: { cluster: 'prod', sleepTimeSeconds: 1.5 }, valid: false },
  { name: 'sleepTimeSeconds a string', json: { cluster: 'prod', sleepTimeSeconds: '10' }, valid: false },
  {
    name: 'settleTimeSeconds negative',
    json: { cluster: 'prod', sleepTimeSeconds: 10, settleTimeSeconds: -1 },
    valid: false,
  },
  {
    name: 'an unknown taskSelection',
    json: { cluster: 'prod', sleepTimeSeconds: 10, taskSelection: 'oldest' },
    valid: false,
  },
  {
    name: 'deregisterOnExit a string',
    json: { cluster: 'prod', sleepTimeSeconds: 10, deregisterOnExit: 'yes' },
    valid: false,
  },
  {
    name: 'fleetEcsReadsPerSecond 0',
    json: { cluster: 'prod', sleepTimeSeconds: 10, fleetEcsReadsPerSecond: 0 },
    valid: false,
  },
  {
    name: 'fleetElbReadsPerSecond a string',
    json: { cluster: 'prod', sleepTimeSeconds: 10, fleetElbReadsPerSecond: '4' },
    valid: false,
  },
  { name: 'an array', json: [{ cluster: 'prod', sleepTimeSeconds: 10 }], valid: false },
  { name: 'null', json: null, valid: false },
];

export const servicesFixtures: readonly FileFixture[] = [
  { name: "Statika 0.1's four fields", json: [web], valid: true },
  { name: 'no family (Statika-Docker)', json: [api], valid: true },
  { name: 'an empty file', json: [], valid: true },
  {
    name: 'containerPort and explicit listeners',
    json: [
      {
        ...web,
        containerPort: 8080,
        listeners: [
          { loadBalancerPort: 80, containerPort: 8080 },
          { loadBalancerPort: 9000, containerPort: 9090 },
        ],
      },
    ],
    valid: true,
  },
  { name: 'an unknown field (a warning)', json: [{ ...web, weight: 3 }], valid: true },
  { name: 'two services, two load balancers', json: [web, api], valid: true },
  { name: 'an object instead of an array', json: { services: [web] }, valid: false },
  { name: 'an entry that is not an object', json: [web, 'api'], valid: false },
  { name: 'no loadBalancerName', json: [{ serviceName: 'web', exposedContainerName: 'app' }], valid: false },
  { name: 'a number as loadBalancerName', json: [{ ...web, loadBalancerName: 42 }], valid: false },
  { name: 'an empty serviceName', json: [{ ...web, serviceName: '' }], valid: false },
  { name: 'an empty family', json: [{ ...web, family: '' }], valid: false },
  { name: 'an empty exposedContainerName', json: [{ ...web, exposedContainerName: ' ' }], valid: false },
  { name: 'containerPort 0', json: [{ ...web, containerPort: 0 }], valid: false },
  { name: 'containerPort 65536', json: [{ ...web, containerPort: 65536 }], valid: false },
  { name: 'containerPort not an integer', json: [{ ...web, containerPort: 80.5 }], valid: false },
  { name: 'listeners not an array', json: [{ ...web, listeners: { 80: 8080 } }], valid: false },
  {
    name: 'a listener without containerPort',
    json: [{ ...web, listeners: [{ loadBalancerPort: 80 }] }],
    valid: false,
  },
  {
    name: 'a listener port out of range',
    json: [{ ...web, listeners: [{ loadBalancerPort: 70000, containerPort: 80 }] }],
    valid: false,
  },
  {
    name: 'two services naming one load balancer',
    json: [web, { ...api, loadBalancerName: 'web-lb' }],
    valid: false,
    crossField: true,
  },
  {
    name: 'two listeners on one load balancer port',
    json: [
      {
        ...web,
        listeners: [
          { loadBalancerPort: 80, containerPort: 8080 },
          { loadBalancerPort: 80, containerPort: 9090 },
        ],
      },
    ],
    valid: false,
    crossField: true,
  },
  { name: 'a node port', json: [{ ...web, nodePort: 30080 }], valid: true },
  {
    name: 'node-port and listener-mode services in one file',
    json: [{ ...web, nodePort: 30080 }, api],
    valid: true,
  },
  { name: 'nodePort 1023 (below 1024)', json: [{ ...web, nodePort: 1023 }], valid: false },
  { name: 'nodePort 65536', json: [{ ...web, nodePort: 65536 }], valid: false },
  { name: 'nodePort not an integer', json: [{ ...web, nodePort: 30080.5 }], valid: false },
  {
    name: 'two services on one node port',
    json: [
      { ...web, nodePort: 30080 },
      { ...api, nodePort: 30080 },
    ],
    valid: false,
    crossField: true,
  },
  {
    name: 'a node port with listeners naming two container ports',
    json: [
      {
        ...web,
        nodePort: 30080,
        listeners: [
          { loadBalancerPort: 80, containerPort: 8080 },
          { loadBalancerPort: 443, containerPort: 8443 },
        ],
      },
    ],
    valid: false,
    crossField: true,
  },
  {
    name: 'a node port with two listeners on one container port',
    json: [
      {
        ...web,
        nodePort: 30080,
        listeners: [
          { loadBalancerPort: 80, containerPort: 8080 },
          { loadBalancerPort: 443, containerPort: 8080 },
        ],
      },
    ],
    valid: true,
  },
];
