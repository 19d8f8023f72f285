import { App } from 'aws-cdk-lib';
import { FeedmergeStack } from './stack.ts';

const app = new App();
new FeedmergeStack(app, 'Feedmerge', {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
