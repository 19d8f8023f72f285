import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { FeedmergeStack } from './stack.ts';

const app = new App();
new FeedmergeStack(app, 'Feedmerge', {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
// AWS Solutions checks run on every synthesis; an unacknowledged error fails it.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
