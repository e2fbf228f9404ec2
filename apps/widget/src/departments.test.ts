import { describe, expect, it } from 'vitest';
import { asksDepartment, departmentToSend } from './departments.js';

const sales = { id: 't1', name: 'Sales' };
const support = { id: 't2', name: 'Support' };

describe('pre-chat departments', () => {
  it('asks nothing without departments or with one, and sends the only one', () => {
    expect(departmentToSend([], 't1')).toBeUndefined();
    expect(asksDepartment([], null)).toBe(false);
    expect(departmentToSend([support], null)).toBe('t2');
    expect(asksDepartment([support], null)).toBe(false);
  });

  it('asks with two or more until a department the site still offers is chosen', () => {
    expect(asksDepartment([sales, support], null)).toBe(true);
    expect(departmentToSend([sales, support], 't2')).toBe('t2');
    expect(asksDepartment([sales, support], 't2')).toBe(false);
    // Deleted since (a live site.updated): asked again.
    expect(departmentToSend([sales, { id: 't3', name: 'Billing' }], 't2')).toBeUndefined();
    expect(asksDepartment([sales, { id: 't3', name: 'Billing' }], 't2')).toBe(true);
  });
});
