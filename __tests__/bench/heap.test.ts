import { childHeapMb } from '../../local/bench/heap';

const GB = 2 ** 30;

describe("childHeapMb: the heap of a size's bench process", () => {
	it('gives half the memory, between 4 GB and 8 GB', () => {
		expect(childHeapMb(24 * GB)).toBe(8192); // this machine: half is 12 GB, capped at 8
		expect(childHeapMb(12 * GB)).toBe(6144);
		expect(childHeapMb(4 * GB)).toBe(4096); // never below V8's own default
	});
	it('takes --heap-mb as asked, and refuses what is not a size', () => {
		expect(childHeapMb(24 * GB, '12000')).toBe(12000);
		expect(() => childHeapMb(24 * GB, 'lots')).toThrow(
			'--heap-mb must be a whole number of MB, at least 256 (got "lots")',
		);
		expect(() => childHeapMb(24 * GB, '100')).toThrow('at least 256');
	});
});
