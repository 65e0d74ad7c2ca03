// A walk's focus filters and the co-teachers of a visit (migration 0010).
export interface WalkDepartmentsTable {
  trust_id: string;
  school_id: string;
  walk_id: string;
  department_id: string;
}

export interface WalkYearGroupsTable {
  trust_id: string;
  school_id: string;
  walk_id: string;
  year_group_id: string;
}

/** The lesson's other teachers when the visit was planned: caps count the visit for each. */
export interface VisitCoTeachersTable {
  trust_id: string;
  visit_id: string;
  person_id: string;
}
