/** Deployment parameter values set on a parsed project, as an admin sets them on the deployment record. */
import type { SdfProject } from './types';

/** @example setDeploymentParam(project, 'customscript_x_mr', 'customdeploy_x_mr', 'custscript_x_url', 'https://…') */
export function setDeploymentParam(
	project: SdfProject,
	scriptId: string,
	deploymentId: string,
	name: string,
	value: string,
): void {
	const script = project.scripts.get(scriptId);
	const dep = script?.deployments.find((d) => d.scriptid === deploymentId);
	if (!script || !dep)
		throw new Error(`setDeploymentParam: no deployment ${scriptId} / ${deploymentId} in src/Objects`);
	if (!script.parameters.some((p) => p.scriptid === name))
		throw new Error(`setDeploymentParam: ${scriptId} declares no parameter ${name}`);
	dep.params[name] = value;
}
