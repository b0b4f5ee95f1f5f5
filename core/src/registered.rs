//! Registered targets (đăng ký thi đua): a unit's own targets with deadlines, done or not, early or not.
