-- A person's department through the rosters (OffenderHistory.departmentOf, SV-2 reads): by employee id.
CREATE INDEX group_member_employee ON group_member (employee_id);
