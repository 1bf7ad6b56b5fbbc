type Camel<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<Camel<Tail>>}` : S;

/**
 * A table's row as repositories hand it out: the columns renamed to camelCase, the values as stored (times as ISO
 * text, ratings as their JSON). Typed from db/tables.ts, so a column that changes type there changes here too.
 */
export type CamelRow<Row> = { [Column in keyof Row as Column extends string ? Camel<Column> : Column]: Row[Column] };
