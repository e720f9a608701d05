import * as E from 'fp-ts/lib/Either.js';
import type { ElbError } from '../elb-error.js';
import type { Policy } from '../elb-policies.js';
import { statusForCode } from '../faults.js';
import type { InstanceHealth } from '../instance-health.js';
import type { ListenerSpec, SimHealthCheck, SimListener, SimLoadBalancer } from '../load-balancer.js';
import type { World } from '../world.js';
import { serveElbTags } from './elb-tags-api.js';
import type { QueryParams } from './query-params.js';
import { ApiError, type SimResponse } from './sim-request.js';
import { element, escapeXml, memberList, textElement, XML_DECLARATION } from './xml.js';

/** Classic ELB, query protocol (API version 2012-06-01), XML answers. */
export const ELB_NAMESPACE = 'http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/';
const MAX_PAGE_SIZE = 400;

export const elbResponse = (operation: string, result: string, requestId: string): SimResponse => ({
  status: 200,
  headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
  body: `${XML_DECLARATION}<${operation}Response xmlns="${ELB_NAMESPACE}">${element(`${operation}Result`, result)}${element(
    'ResponseMetadata',
    textElement('RequestId', requestId),
  )}</${operation}Response>`,
});

export const elbError = (
  code: string,
  message: string,
  requestId: string,
  status = statusForCode(code),
): SimResponse => ({
  status,
  headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
  body: `${XML_DECLARATION}<ErrorResponse xmlns="${ELB_NAMESPACE}">${element(
    'Error',
    `${textElement('Type', status >= 500 ? 'Receiver' : 'Sender')}${textElement('Code', code)}${textElement('Message', message)}`,
  )}${textElement('RequestId', requestId)}</ErrorResponse>`,
});

const orThrow = <A>(result: E.Either<ElbError, A>): A => {
  if (E.isLeft(result)) throw new ApiError(result.left.code, result.left.message);
  return result.right;
};

const listenerXml = (l: SimListener): string =>
  textElement('Protocol', l.protocol) +
  textElement('LoadBalancerPort', l.loadBalancerPort) +
  textElement('InstanceProtocol', l.instanceProtocol) +
  textElement('InstancePort', l.instancePort) +
  textElement('SSLCertificateId', l.sslCertificateId);

const healthCheckXml = (hc: SimHealthCheck): string =>
  element(
    'HealthCheck',
    textElement('Target', hc.target) +
      textElement('Interval', hc.interval) +
      textElement('Timeout', hc.timeout) +
      textElement('UnhealthyThreshold', hc.unhealthyThreshold) +
      textElement('HealthyThreshold', hc.healthyThreshold),
  );

const instancesXml = (ids: readonly string[]): string =>
  memberList('Instances', ids, (id) => textElement('InstanceId', id));

const loadBalancerXml = (world: World, lb: SimLoadBalancer): string => {
  const policies = world.internals.elb.policies(lb.name);
  const dns = `${lb.name}-1234567890.${world.region}.elb.amazonaws.com`;
  return (
    textElement('LoadBalancerName', lb.name) +
    textElement('DNSName', dns) +
    textElement('CanonicalHostedZoneName', dns) +
    textElement('CanonicalHostedZoneNameID', 'Z35SXDOTRQ7X7K') +
    memberList(
      'ListenerDescriptions',
      lb.listeners,
      (l) => element('Listener', listenerXml(l)) + memberList('PolicyNames', l.policyNames, escapeXml),
    ) +
    policiesXml(policies) +
    memberList(
      'BackendServerDescriptions',
      lb.backendServers,
      (b) =>
        textElement('InstancePort', b.instancePort) + memberList('PolicyNames', b.policyNames, escapeXml),
    ) +
    memberList('AvailabilityZones', [`${world.region}a`], (az) => az) +
    memberList('Subnets', [], () => '') +
    instancesXml(lb.instances) +
    healthCheckXml(lb.healthCheck) +
    element(
      'SourceSecurityGroup',
      textElement('OwnerAlias', 'amazon-elb') + textElement('GroupName', 'amazon-elb-sg'),
    ) +
    memberList('SecurityGroups', [], () => '') +
    textElement('CreatedTime', new Date(world.internals.elb.createdAt(lb.name)).toISOString()) +
    textElement('Scheme', 'internet-facing')
  );
};

const attribute = (policy: Policy, name: string): string | undefined =>
  policy.attributes.find((a) => a.name === name)?.value;

/** Stickiness policies are listed by kind with their settings; every other policy by name. */
const policiesXml = (policies: readonly Policy[]): string => {
  const ofType = (type: string) => policies.filter((p) => p.policyTypeName === type);
  const sticky = ['AppCookieStickinessPolicyType', 'LBCookieStickinessPolicyType'];
  return element(
    'Policies',
    memberList(
      'AppCookieStickinessPolicies',
      ofType('AppCookieStickinessPolicyType'),
      (p) => textElement('PolicyName', p.policyName) + textElement('CookieName', attribute(p, 'CookieName')),
    ) +
      memberList(
        'LBCookieStickinessPolicies',
        ofType('LBCookieStickinessPolicyType'),
        (p) =>
          textElement('PolicyName', p.policyName) +
          textElement('CookieExpirationPeriod', attribute(p, 'CookieExpirationPeriod')),
      ) +
      memberList(
        'OtherPolicies',
        policies.filter((p) => !sticky.includes(p.policyTypeName)),
        (p) => escapeXml(p.policyName),
      ),
  );
};

const instanceStateXml = (s: InstanceHealth): string =>
  textElement('InstanceId', s.instanceId) +
  textElement('State', s.state) +
  textElement('ReasonCode', s.reasonCode) +
  textElement('Description', s.description);

/** Markers are opaque to clients: here, the index of the next load balancer. */
const encodeMarker = (index: number): string => Buffer.from(`lb:${index}`).toString('base64');
const decodeMarker = (marker: string): number => {
  const match = /^lb:(\d+)$/.exec(Buffer.from(marker, 'base64').toString('utf8'));
  if (match === null) throw new ApiError('ValidationError', 'Invalid value for Marker');
  return Number(match[1]);
};

const readListener = (params: QueryParams): ListenerSpec => {
  const instanceProtocol = params.optionalString('InstanceProtocol');
  const sslCertificateId = params.optionalString('SSLCertificateId');
  return {
    protocol: params.string('Protocol'),
    loadBalancerPort: params.integer('LoadBalancerPort'),
    instancePort: params.integer('InstancePort'),
    ...(instanceProtocol === undefined ? {} : { instanceProtocol }),
    ...(sslCertificateId === undefined ? {} : { sslCertificateId }),
  };
};

const readInstanceIds = (params: QueryParams): string[] =>
  params.structures('Instances').map((s) => s.string('InstanceId'));

/** Serves one ELB operation; throws ApiError for a request AWS would refuse. */
export const serveElb = (
  world: World,
  operation: string,
  params: QueryParams,
  requestId: string,
): SimResponse => {
  const elb = world.internals.elb;
  const ok = (result: string) => elbResponse(operation, result, requestId);
  switch (operation) {
    case 'DescribeLoadBalancers': {
      const pageSize = params.optionalInteger('PageSize') ?? MAX_PAGE_SIZE;
      if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
        throw new ApiError(
          'ValidationError',
          `1 validation error detected: Value '${pageSize}' at 'pageSize' failed to satisfy constraint: Member must have value between 1 and ${MAX_PAGE_SIZE}`,
        );
      }
      const all = orThrow(elb.describe(params.list('LoadBalancerNames')));
      const marker = params.optionalString('Marker');
      const start = marker === undefined || marker === '' ? 0 : decodeMarker(marker);
      const page = all.slice(start, start + pageSize);
      const next = start + pageSize < all.length ? encodeMarker(start + pageSize) : undefined;
      return ok(
        memberList('LoadBalancerDescriptions', page, (lb) => loadBalancerXml(world, lb)) +
          (next === undefined ? '' : textElement('NextMarker', next)),
      );
    }
    case 'CreateLoadBalancerListeners':
      orThrow(
        elb.createListeners(
          params.string('LoadBalancerName'),
          params.structures('Listeners').map(readListener),
        ),
      );
      return ok('');
    case 'DeleteLoadBalancerListeners': {
      const ports = params.list('LoadBalancerPorts').map((p) => {
        const port = Number(p);
        if (!Number.isInteger(port)) throw new ApiError('ValidationError', `Invalid LoadBalancerPort '${p}'`);
        return port;
      });
      orThrow(elb.deleteListeners(params.string('LoadBalancerName'), ports));
      return ok('');
    }
    case 'ConfigureHealthCheck': {
      const healthCheck: SimHealthCheck = {
        target: params.string('HealthCheck.Target'),
        interval: params.integer('HealthCheck.Interval'),
        timeout: params.integer('HealthCheck.Timeout'),
        unhealthyThreshold: params.integer('HealthCheck.UnhealthyThreshold'),
        healthyThreshold: params.integer('HealthCheck.HealthyThreshold'),
      };
      return ok(
        healthCheckXml(orThrow(elb.configureHealthCheck(params.string('LoadBalancerName'), healthCheck))),
      );
    }
    case 'RegisterInstancesWithLoadBalancer':
      return ok(
        instancesXml(orThrow(elb.register(params.string('LoadBalancerName'), readInstanceIds(params)))),
      );
    case 'DeregisterInstancesFromLoadBalancer':
      return ok(
        instancesXml(orThrow(elb.deregister(params.string('LoadBalancerName'), readInstanceIds(params)))),
      );
    case 'DescribeInstanceHealth': {
      const states = orThrow(
        elb.describeInstanceHealth(params.string('LoadBalancerName'), readInstanceIds(params)),
      );
      return ok(memberList('InstanceStates', states, instanceStateXml));
    }
    case 'CreateLoadBalancerPolicy': {
      const policy: Policy = {
        policyName: params.string('PolicyName'),
        policyTypeName: params.string('PolicyTypeName'),
        attributes: params
          .structures('PolicyAttributes')
          .map((a) => ({ name: a.string('AttributeName'), value: a.optionalString('AttributeValue') ?? '' })),
      };
      orThrow(elb.createPolicy(params.string('LoadBalancerName'), policy));
      return ok('');
    }
    case 'DescribeLoadBalancerPolicies': {
      const name = params.string('LoadBalancerName');
      orThrow(elb.describe([name]));
      const wanted = params.list('PolicyNames');
      const policies = elb.policies(name).filter((p) => wanted.length === 0 || wanted.includes(p.policyName));
      const missing = wanted.find((w) => !policies.some((p) => p.policyName === w));
      if (missing !== undefined)
        throw new ApiError('PolicyNotFound', `There is no policy named '${missing}' for ${name}`);
      return ok(
        memberList(
          'PolicyDescriptions',
          policies,
          (p) =>
            textElement('PolicyName', p.policyName) +
            textElement('PolicyTypeName', p.policyTypeName) +
            memberList(
              'PolicyAttributeDescriptions',
              p.attributes,
              (a) => textElement('AttributeName', a.name) + textElement('AttributeValue', a.value),
            ),
        ),
      );
    }
    case 'SetLoadBalancerPoliciesOfListener':
      orThrow(
        elb.setListenerPolicies(
          params.string('LoadBalancerName'),
          params.integer('LoadBalancerPort'),
          params.list('PolicyNames'),
        ),
      );
      return ok('');
    case 'SetLoadBalancerPoliciesForBackendServer':
      orThrow(
        elb.setBackendServerPolicies(
          params.string('LoadBalancerName'),
          params.integer('InstancePort'),
          params.list('PolicyNames'),
        ),
      );
      return ok('');
    default:
      return serveElbTags(world, operation, params, ok);
  }
};
