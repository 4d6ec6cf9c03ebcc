#pragma once

namespace phongthi::server {

class router;
struct services;

/// The lecturer's question banks: list/create banks, list/search/add/edit/retire questions,
/// validate and import uploaded files, export. Admins and lecturers only.
void add_bank_routes(router& routes, services& shared);

} // namespace phongthi::server
