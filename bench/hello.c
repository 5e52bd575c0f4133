/* The smallest useful program, for measuring startup cost. */
#include <unistd.h>
int main(void) { return write(1, "hello\n", 6) == 6 ? 0 : 1; }
