import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chartLabel, pageTitle, rowsStatus, viewKey } from '../src/a11y.js';

test('every view has its own document title, the site name last', () => {
  assert.equal(pageTitle({ page: 'overview' }), 'Overview · Menshen');
  assert.equal(pageTitle({ page: 'logs' }), 'Audit log · Menshen');
  assert.equal(pageTitle({ page: 'log', id: '42' }), 'Request 42 · Menshen');
  assert.equal(pageTitle({ page: 'notfound' }), 'Not found · Menshen');
  assert.equal(pageTitle({ page: 'logs' }, true), 'Sign-in required · Menshen');
});

test('a filter or period change is the same view; another record is not', () => {
  assert.equal(viewKey({ page: 'logs', params: new URLSearchParams('model=a') }), viewKey({ page: 'logs', params: new URLSearchParams() }));
  assert.notEqual(viewKey({ page: 'log', id: '1' }), viewKey({ page: 'log', id: '2' }));
});

test('the audit log says how many rows it shows and how many are new', () => {
  assert.equal(rowsStatus(null), '');
  assert.equal(rowsStatus(0), 'No requests on this page');
  assert.equal(rowsStatus(1), '1 request on this page');
  assert.equal(rowsStatus(100, 3), '100 requests on this page, 3 new');
});

test('a chart is named with its period totals and points to its table', () => {
  const layers = [{ label: 'OK' }, { label: 'Cached' }, { label: 'Error' }];
  assert.equal(chartLabel('Requests per day', layers, [1200, 5, 0]),
    'Requests per day. Whole period: OK 1,200, Cached 5, Error 0. The numbers per bar are in the table below the chart.');
});
