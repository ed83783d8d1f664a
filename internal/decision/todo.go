package decision

import "commonground/internal/errs"

// errTodo marks a function whose body is being written; this file goes
// when the last one is.
var errTodo = errs.New(errs.Internal, "not built yet")
