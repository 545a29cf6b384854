<?php

declare(strict_types=1);

use App\Assets;
use App\Greeting;

require __DIR__.'/../vendor/autoload.php';

// The user PHP runs as: the image's www-data, not root.
$user = function_exists('posix_getpwuid') && function_exists('posix_geteuid')
    ? (posix_getpwuid(posix_geteuid())['name'] ?? (string) posix_geteuid())
    : get_current_user();

// Like a Laravel app, this one writes under storage/: the image must leave that folder writable.
$line = sprintf("[%s] %s %s\n", date(DATE_ATOM), $_SERVER['REQUEST_METHOD'] ?? 'GET', $_SERVER['REQUEST_URI'] ?? '/');
$logged = @file_put_contents(__DIR__.'/../storage/logs/app.log', $line, FILE_APPEND | LOCK_EX);

header('Content-Type: text/plain; charset=utf-8');
if ($logged === false) {
    http_response_code(500);
    echo "storage/logs is not writable by {$user}.\n";

    return;
}

echo (new Greeting())->message($user), "\n";
echo 'Script: ', (new Assets(__DIR__))->url('resources/js/app.js') ?? 'not built', "\n";
