/**
 * Reading map/reduce search-result JSON (adapters/searches/resultJson.ts). Join names keep the
 * spelling of the search definition: `trandate.applyingTransaction` from a loaded saved search
 * (public map/reduce code over loaded searches), `trandate.applyingtransaction` from search.create
 * (issue 14, item 3). A reader must find both and must never read a missing column as empty.
 */
import { parseResultJson } from '../../src/TypeScripts/o2c_dso/adapters/searches/resultJson';

const loaded = JSON.stringify({
	recordType: 'invoice',
	id: '12',
	values: {
		entity: { value: '100', text: 'Premier' },
		'trandate.applyingTransaction': '2/1/2026',
		'GROUP(subsidiary)': { value: '3', text: 'UK' },
		'SUM(amount)': '1200.00',
		'trandate.createdFrom': '',
		custbody_multi: [
			{ value: '1', text: 'a' },
			{ value: '2', text: 'b' },
		],
	},
});

describe('parseResultJson', () => {
	const row = parseResultJson(loaded);

	it('reads a join whatever case the definition spelled it in', () => {
		expect(row.text('trandate', { join: 'applyingtransaction' })).toBe('2/1/2026');
		expect(row.text('trandate', { join: 'applyingTransaction' })).toBe('2/1/2026');
		expect(row.text('TRANDATE', { join: 'APPLYINGTRANSACTION' })).toBe('2/1/2026');
	});

	it('reads selects as their internal id, summaries by SUMMARY(name), multi-selects as the ids', () => {
		expect(row.id).toBe('12');
		expect(row.text('entity')).toBe('100');
		expect(row.text('subsidiary', { summary: 'GROUP' })).toBe('3');
		expect(row.text('amount', { summary: 'SUM' })).toBe('1200.00');
		expect(row.text('custbody_multi')).toBe('1,2');
	});

	it('an outer join without a match is an empty value; a column the row lacks is an error naming it', () => {
		expect(row.text('trandate', { join: 'createdfrom' })).toBe('');
		expect(() => row.text('duedate')).toThrow(/no column duedate \(it has: entity, trandate\.applyingTransaction/);
		expect(() => row.text('trandate', { join: 'customer' })).toThrow(/no column trandate\.customer/);
	});

	it('a grouped row has no id', () => {
		expect(parseResultJson('{"values":{"GROUP(entity)":{"value":"7","text":"X"}}}').id).toBeUndefined();
	});
});
