/** The columns an HRIS export needs (the server's parser is the authority). */
export function CsvFormatHelp() {
  return (
    <details className="disclosure">
      <summary>What the file should contain</summary>
      <div className="disclosure__body">
        <p>
          Required columns: <code>employee_id</code>, <code>name</code>, <code>email</code>, <code>manager_id</code> (the manager’s employee
          ID, empty at the top), <code>level</code> (a ladder level such as <code>L5</code>) and <code>hire_date</code> (YYYY-MM-DD).
        </p>
        <p>
          Optional columns: <code>title</code>, <code>team</code>, <code>location</code>, <code>job_function</code>, <code>status</code> (
          <code>active</code>, <code>leave</code> or <code>terminated</code>) and <code>time_zone</code>. A column left out of the file keeps the
          stored values.
        </p>
        <p>
          Columns starting with <code>attr_</code> (for example <code>attr_gender</code>) hold demographic attributes, visible only to HR partners
          in scope.
        </p>
      </div>
    </details>
  );
}
