"""Filing: what the filed documents come to for the people who work with them (open
orders, deadlines, costs against plan, spend)."""
