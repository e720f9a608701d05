import type { Listener as SdkListener } from '@aws-sdk/client-elastic-load-balancing';
import type { Listener } from '@statika/core';

/**
 * Core listener → the SDK's. A field that was absent (or empty) stays absent: AWS rejects an empty
 * `SSLCertificateId`, and an `InstanceProtocol` the listener never had would change it.
 */
export const toSdkListener = (listener: Listener): SdkListener => ({
  Protocol: listener.protocol,
  LoadBalancerPort: listener.loadBalancerPort,
  InstancePort: listener.instancePort,
  ...(listener.instanceProtocol ? { InstanceProtocol: listener.instanceProtocol } : {}),
  ...(listener.sslCertificateId ? { SSLCertificateId: listener.sslCertificateId } : {}),
});
