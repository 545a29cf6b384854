<?php

declare(strict_types=1);

namespace Tests\Unit;

use App\Greeting;
use PHPUnit\Framework\TestCase;

final class GreetingTest extends TestCase
{
    public function test_the_greeting_names_the_user(): void
    {
        $this->assertStringEndsWith('as www-data.', (new Greeting())->message('www-data'));
    }
}
