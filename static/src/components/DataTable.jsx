import { useMemo, useState } from 'preact/hooks';

// A sortable table. Columns: {id, label, value(row) for sorting, render(row) for display,
// num (right-aligned), title}. Cells render text through JSX, never markup.

function compare(a, b) {
  if (a == null && b == null) return 0;
  if (a == null) return 1; // nulls last in either direction
  if (b == null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true, sensitivity: 'base' });
}

export function DataTable({ columns, rows, initialSort, rowHref, caption }) {
  const [sort, setSort] = useState(initialSort ?? { id: columns[0].id, desc: false });
  const sorted = useMemo(() => {
    const col = columns.find((c) => c.id === sort.id);
    if (!col) return rows;
    const out = [...rows].sort((x, y) => {
      const a = col.value(x);
      const b = col.value(y);
      if (a == null || b == null) return compare(a, b);
      return sort.desc ? compare(b, a) : compare(a, b);
    });
    return out;
  }, [rows, sort, columns]);

  const onSort = (c) => setSort((s) => ({ id: c.id, desc: s.id === c.id ? !s.desc : !!c.num }));

  return (
    <div class="table-wrap">
      <table class="table">
        {caption && <caption class="sr-only">{caption}</caption>}
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.id} class={c.num ? 'num' : ''} scope="col"
                aria-sort={sort.id === c.id ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
                <button type="button" class="th-sort" title={c.title} onClick={() => onSort(c)}>
                  {c.label}
                  <span class="sort-mark" aria-hidden="true">{sort.id === c.id ? (sort.desc ? '▾' : '▴') : ''}</span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row, i) => {
            const to = rowHref?.(row);
            return (
              <tr key={i} class={to ? 'is-link' : ''} onClick={to ? () => { location.hash = to.slice(1); } : undefined}>
                {columns.map((c, ci) => (
                  <td key={c.id} class={[c.num && 'num', c.cls].filter(Boolean).join(' ')}>
                    {ci === 0 && to ? <a href={to} onClick={(e) => e.stopPropagation()}>{c.render ? c.render(row) : c.value(row)}</a> : (c.render ? c.render(row) : c.value(row))}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
