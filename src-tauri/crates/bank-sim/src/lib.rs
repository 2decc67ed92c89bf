//! tahsildar-bank-sim
