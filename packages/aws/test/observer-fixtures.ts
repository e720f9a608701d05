import {
  DescribeContainerInstancesCommand,
  DescribeTasksCommand,
  ECSClient,
  ListTasksCommand,
  type Task as SdkTask,
} from '@aws-sdk/client-ecs';
import {
  DescribeLoadBalancersCommand,
  ElasticLoadBalancingClient,
} from '@aws-sdk/client-elastic-load-balancing';
import { mockClient } from 'aws-sdk-client-mock';
import { createObserver, type ObserverClock } from '../src/observer.js';
import { clientConfig, ec2Id, lbDescription } from './fixtures.js';

/**
 * An observer over mocked ECS and ELB clients; ELB describes web-lb until told otherwise. `clock`: the
 * observer's (the age of reads kept across a throttle).
 */
export const mockedObserver = (clock?: ObserverClock) => {
  const ecs = new ECSClient(clientConfig);
  const elb = new ElasticLoadBalancingClient(clientConfig);
  const ecsMock = mockClient(ecs);
  const elbMock = mockClient(elb);
  const observer = createObserver({ ecs, elb }, clock);

  /** ECS describes whatever it is asked for, from `tasks`; container instances i → ec2Id(i), 3 DRAINING. */
  const serveEcs = (tasks: readonly SdkTask[]) => {
    const byArn = new Map(tasks.map((t) => [t.taskArn, t]));
    ecsMock.on(DescribeTasksCommand).callsFake((input: { tasks: string[] }) => ({
      tasks: input.tasks.map((arn) => byArn.get(arn)),
      failures: [],
    }));
    ecsMock.on(DescribeContainerInstancesCommand).callsFake((input: { containerInstances: string[] }) => ({
      containerInstances: input.containerInstances.map((arn) => {
        const n = Number(/ci-(\d+)$/.exec(arn)?.[1]);
        return {
          containerInstanceArn: arn,
          ec2InstanceId: ec2Id(n),
          status: n === 3 ? 'DRAINING' : 'ACTIVE',
        };
      }),
      failures: [],
    }));
  };

  /** ListTasks answers these pages, in order, with next tokens between them. */
  const listPages = (pages: readonly string[][]) => {
    let mock = ecsMock.on(ListTasksCommand);
    pages.forEach((page, i) => {
      mock = mock.resolvesOnce({
        taskArns: page,
        ...(i < pages.length - 1 ? { nextToken: `p${i + 1}` } : {}),
      });
    });
  };

  const reset = () => {
    ecsMock.reset();
    elbMock.reset();
    elbMock
      .on(DescribeLoadBalancersCommand)
      .resolves({ LoadBalancerDescriptions: [lbDescription('web-lb')] });
  };
  return { ecsMock, elbMock, observer, serveEcs, listPages, reset };
};
