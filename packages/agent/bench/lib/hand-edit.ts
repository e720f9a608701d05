import { handleRequest, type World } from '@statika/sim';

const form = { 'content-type': 'application/x-www-form-urlencoded' };

const elbCall = (world: World, action: string, params: Record<string, string | number>) =>
  handleRequest(world, {
    method: 'POST',
    path: '/',
    headers: form,
    body: new URLSearchParams({
      Action: action,
      Version: '2012-06-01',
      ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])),
    }).toString(),
  });

/**
 * A listener edited by hand, as in the console: the listener on port 80 deleted and created again on
 * another instance port, through the ELB API (it draws on the account's write bucket like any tool).
 * True when both calls succeeded.
 */
export const editListenerByHand = async (
  world: World,
  loadBalancerName: string,
  instancePort: number,
): Promise<boolean> => {
  const deleted = await elbCall(world, 'DeleteLoadBalancerListeners', {
    LoadBalancerName: loadBalancerName,
    'LoadBalancerPorts.member.1': 80,
  });
  if (deleted.status !== 200) return false;
  const created = await elbCall(world, 'CreateLoadBalancerListeners', {
    LoadBalancerName: loadBalancerName,
    'Listeners.member.1.Protocol': 'HTTP',
    'Listeners.member.1.LoadBalancerPort': 80,
    'Listeners.member.1.InstanceProtocol': 'HTTP',
    'Listeners.member.1.InstancePort': instancePort,
  });
  return created.status === 200;
};
