/**
 * @NApiVersion 2.1
 * @NScriptType Restlet
 * @NModuleScope SameAccount
 */

/*
 * Collections RESTlet (customscript_o2c_collections_rl): the calling system POSTs promises to pay,
 * disputes and their resolutions, contact attempts and contact details (once per external_id), and
 * GETs the prioritised worklist or one customer's detail (adapters/collections/restletRequest.ts;
 * the contract is docs/openapi/collections.yaml).
 */
import type { EntryPoints } from 'N/types';
import { handleGet, handlePost, type Answered } from '../adapters/collections/restletRequest';

export const post: EntryPoints.RESTlet.post<Record<string, unknown>, Answered> = (body) => handlePost(body);

export const get: EntryPoints.RESTlet.get<Record<string, unknown>, Answered> = (params) => handleGet(params);
