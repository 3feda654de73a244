// The default degree of parallelism: the cores this process may run on.
#pragma once

namespace cli {

// The CPUs in this process's affinity mask (which Slurm, taskset and cgroups restrict), at
// least 1; every core of the machine when the mask cannot be read.
int available_cores();

}  // namespace cli
