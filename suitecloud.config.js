// SuiteCloud CLI hooks: never deploy, validate or package stale or untested JavaScript.
// `npm test` builds the TypeScript into src/FileCabinet/SuiteScripts/o2c_dso, checks the SDF
// project offline and runs the whole test suite; a failure aborts the CLI command.
const { execSync } = require('node:child_process');

const buildAndTest = async (context) => {
	execSync('npm test', { stdio: 'inherit' });
	return context;
};

module.exports = {
	defaultProjectFolder: 'src',
	commands: {
		'project:deploy': { beforeExecuting: buildAndTest },
		'project:validate': { beforeExecuting: buildAndTest },
		'project:package': { beforeExecuting: buildAndTest },
	},
};
