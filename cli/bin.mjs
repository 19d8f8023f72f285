#!/usr/bin/env node
// The feedmerge command: runs the TypeScript CLI through tsx's loader (no build step).
import { register } from 'tsx/esm/api';

// The SDK's notice about future Node versions is noise on every command; the README states the Node requirement.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
register();
await import('./main.ts');
