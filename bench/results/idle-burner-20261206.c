// Burns CPU in bursts: BURST_US of spinning every PERIOD_US (0 period: spin forever).
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
static long long now_us(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec*1000000LL+t.tv_nsec/1000;}
int main(int c,char**v){long b=atol(v[1]),p=atol(v[2]);volatile unsigned long x=0;
 for(;;){long long s=now_us();while(p==0||now_us()-s<b)x++; if(p>b)usleep(p-b);} }
