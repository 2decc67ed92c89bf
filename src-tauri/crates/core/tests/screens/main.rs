//! What the app's screens read from the core: the paged payments list (checked on 100,000
//! rows), the customer search and detail, the payment timeline and actions, the plan summary
//! before saving, the attention queue and the audit log. Real SQLCipher files; the simulator
//! over loopback.

mod audit;
mod customer_archive;
mod customer_changes;
mod customers;
mod detail;
mod instruction_scans;
mod paging;
mod preview;
mod setup;
