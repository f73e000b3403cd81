// SPDX-License-Identifier: EUPL-1.2
import {
  Table as RhcTable,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@rijkshuisstijl-community/components-react';
import { useId, type Key, type ReactNode } from 'react';

export interface Column<T> {
  key: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** This column names the row (scope="row"); usually the name column. */
  rowHeader?: boolean;
  align?: 'start' | 'end';
  /** Header only for screen readers (an actions column). */
  hiddenHeader?: boolean;
}

export interface DataTableProps<T> {
  /** Required: tells everyone, and screen readers first, what the table holds. */
  caption: ReactNode;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => Key;
  /** Shown in a single row when there are no rows. */
  emptyMessage: ReactNode;
}

export function DataTable<T>({ caption, columns, rows, rowKey, emptyMessage }: DataTableProps<T>) {
  const captionId = useId();
  return (
    // A region so a table wider than the screen can be scrolled with the keyboard.
    <div className="zvh-table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <RhcTable className="zvh-table">
        <TableCaption id={captionId} className="zvh-table__caption">
          {caption}
        </TableCaption>
        <TableHeader>
          <TableRow>
            {columns.map((c) => (
              <TableHeaderCell key={c.key} scope="col" alignCell={c.align}>
                {c.hiddenHeader ? <span className="rhc-visually-hidden">{c.header}</span> : c.header}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.length === 0 ? (
            <TableRow>
              <TableCell colSpan={columns.length}>{emptyMessage}</TableCell>
            </TableRow>
          ) : (
            rows.map((row) => (
              <TableRow key={rowKey(row)}>
                {columns.map((c) =>
                  c.rowHeader ? (
                    <TableHeaderCell key={c.key} scope="row" alignCell={c.align}>
                      {c.cell(row)}
                    </TableHeaderCell>
                  ) : (
                    <TableCell key={c.key} alignCell={c.align}>
                      {c.cell(row)}
                    </TableCell>
                  ),
                )}
              </TableRow>
            ))
          )}
        </TableBody>
      </RhcTable>
    </div>
  );
}
